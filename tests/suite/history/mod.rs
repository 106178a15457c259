//! The Office of the Historian's records: the converters of its guide and gazetteer
//! (scripts/convert_history.py, scripts/convert_gsh.py), the seed built from them
//! (scripts/build_history_seed.py), and that seed loaded by `reldb init`.

mod convert;
mod gsh_convert;
mod load;
mod seed;
