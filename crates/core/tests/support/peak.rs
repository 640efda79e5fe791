//! The process's peak resident memory, read from Linux's `/proc` (no allocator of our own, no
//! `unsafe`): `Peak::start` resets the kernel's high-water mark (`clear_refs`, "5") and notes the
//! resident size; `Peak::bytes` is how far the mark rose above it. Resident pages are not live
//! heap bytes, and bound them neither way: pages the allocator keeps after a free are counted
//! (and may be reused without raising the mark, so measure one case per process), capacity
//! reserved but never touched is not. What it catches is memory a change really uses. Shared by
//! a test and an example through `#[path]`.
// Each file that includes this takes the functions it needs.
#![allow(dead_code)]

use std::fs;

pub struct Peak {
    base: u64,
}

impl Peak {
    /// Resets the high-water mark; an error says what on this system did not allow it.
    pub fn start() -> Result<Peak, String> {
        fs::write("/proc/self/clear_refs", "5")
            .map_err(|e| format!("cannot reset the peak (/proc/self/clear_refs): {e}"))?;
        Ok(Peak {
            base: status_kb("VmRSS")?,
        })
    }

    /// Bytes the resident size rose to above what it was at `start`.
    pub fn bytes(&self) -> Result<u64, String> {
        Ok(status_kb("VmHWM")?.saturating_sub(self.base) * 1024)
    }

    /// Bytes resident now above what was resident at `start` (0 if fewer).
    pub fn now(&self) -> Result<u64, String> {
        Ok(status_kb("VmRSS")?.saturating_sub(self.base) * 1024)
    }
}

/// One "Key:   N kB" line of /proc/self/status.
fn status_kb(key: &str) -> Result<u64, String> {
    let status = fs::read_to_string("/proc/self/status")
        .map_err(|e| format!("cannot read /proc/self/status: {e}"))?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| format!("no {key} in /proc/self/status"))
}
