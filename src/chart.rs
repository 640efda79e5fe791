//! placeholder until the chart module lands
