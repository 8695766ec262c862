//! The pipeline as a library: ingest → identity → tie strength → graph → intro.
