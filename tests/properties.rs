//! Invariants checked against brute force on random small graphs.
