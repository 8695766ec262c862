//! Integration tests: the built binary on fixtures, pipeline behaviour, and
//! properties checked against brute force.
