//! States: their names as people write them, their first days, their names and numbers
//! through history, and the seed of states the scripts build.

mod everyday_names;
mod existence;
mod history;
mod numbers;
mod seed;
