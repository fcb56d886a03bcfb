//! Constants shared with JS (`js/gen/constants.js`), generated from build/tables.rs.

include!(concat!(env!("OUT_DIR"), "/layout.rs"));
