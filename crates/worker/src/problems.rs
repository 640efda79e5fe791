//! The "problems" request: the app reads a file on its fast path and, when that path finds a
//! problem, asks here for the located list (this module has the positioned reader, which the
//! app's first load no longer carries). The reply has every problem with its path and
//! line:column, the count left unlisted, and what can still be shown as normalised JSON.

use crate::requests::{dataset, found, text_part, Outcome};
use tactics_core::query::worker_protocol::{ProblemsReply, Reply};

/// Answers once the dataset of the last "data" request is loaded (or has failed to be used).
pub async fn problems() -> Outcome {
    let data = dataset().await;
    let (problems, unlisted) = found();
    if problems.is_empty() {
        if let Err(e) = data {
            return Err(e);
        }
    }
    let json = data.ok().map(|data| tactics_sheets::normalise(&data.ds));
    let reply = Reply::Problems(ProblemsReply {
        problems,
        unlisted,
        dataset: json.is_some(),
    });
    Ok((reply, text_part(json)))
}
