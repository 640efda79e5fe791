//! The states and territories the map can draw: FIPS code, postal code and name, so a
//! dataset's `state` field ("MT") finds its outline and its counties' file ("30").

/// One state or territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// Two-digit FIPS code, as in the Census files and in `public/geo/counties/<fips>.json`.
    pub fips: &'static str,
    /// USPS code, as in the dataset's `state` field.
    pub postal: &'static str,
    pub name: &'static str,
}

const fn s(fips: &'static str, postal: &'static str, name: &'static str) -> State {
    State { fips, postal, name }
}

/// The 50 states, DC, Puerto Rico and the U.S. Virgin Islands. American Samoa, Guam and the
/// Northern Mariana Islands are not drawn (no inset for the Pacific territories).
pub const STATES: [State; 53] = [
    s("01", "AL", "Alabama"),
    s("02", "AK", "Alaska"),
    s("04", "AZ", "Arizona"),
    s("05", "AR", "Arkansas"),
    s("06", "CA", "California"),
    s("08", "CO", "Colorado"),
    s("09", "CT", "Connecticut"),
    s("10", "DE", "Delaware"),
    s("11", "DC", "District of Columbia"),
    s("12", "FL", "Florida"),
    s("13", "GA", "Georgia"),
    s("15", "HI", "Hawaii"),
    s("16", "ID", "Idaho"),
    s("17", "IL", "Illinois"),
    s("18", "IN", "Indiana"),
    s("19", "IA", "Iowa"),
    s("20", "KS", "Kansas"),
    s("21", "KY", "Kentucky"),
    s("22", "LA", "Louisiana"),
    s("23", "ME", "Maine"),
    s("24", "MD", "Maryland"),
    s("25", "MA", "Massachusetts"),
    s("26", "MI", "Michigan"),
    s("27", "MN", "Minnesota"),
    s("28", "MS", "Mississippi"),
    s("29", "MO", "Missouri"),
    s("30", "MT", "Montana"),
    s("31", "NE", "Nebraska"),
    s("32", "NV", "Nevada"),
    s("33", "NH", "New Hampshire"),
    s("34", "NJ", "New Jersey"),
    s("35", "NM", "New Mexico"),
    s("36", "NY", "New York"),
    s("37", "NC", "North Carolina"),
    s("38", "ND", "North Dakota"),
    s("39", "OH", "Ohio"),
    s("40", "OK", "Oklahoma"),
    s("41", "OR", "Oregon"),
    s("42", "PA", "Pennsylvania"),
    s("44", "RI", "Rhode Island"),
    s("45", "SC", "South Carolina"),
    s("46", "SD", "South Dakota"),
    s("47", "TN", "Tennessee"),
    s("48", "TX", "Texas"),
    s("49", "UT", "Utah"),
    s("50", "VT", "Vermont"),
    s("51", "VA", "Virginia"),
    s("53", "WA", "Washington"),
    s("54", "WV", "West Virginia"),
    s("55", "WI", "Wisconsin"),
    s("56", "WY", "Wyoming"),
    s("72", "PR", "Puerto Rico"),
    s("78", "VI", "U.S. Virgin Islands"),
];

/// The state with this postal code ("MT"), ignoring case and surrounding space.
pub fn by_postal(postal: &str) -> Option<&'static State> {
    let postal = postal.trim();
    STATES
        .iter()
        .find(|st| st.postal.eq_ignore_ascii_case(postal))
}

/// The state with this two-digit FIPS code ("30").
pub fn by_fips(fips: &str) -> Option<&'static State> {
    STATES.iter().find(|st| st.fips == fips)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        for st in &STATES {
            assert_eq!(by_postal(st.postal), Some(st));
            assert_eq!(by_fips(st.fips), Some(st));
        }
        assert_eq!(by_postal(" mt ").map(|s| s.fips), Some("30"));
        assert_eq!(by_postal("GU"), None);
        assert_eq!(by_fips("66"), None);
    }
}
