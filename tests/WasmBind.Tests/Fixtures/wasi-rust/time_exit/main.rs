// std::time and the ways a program ends: "sleep" checks the clocks around a sleep; "panic" panics (a trap: Rust's
// wasm32-wasi aborts); anything else returns from main normally.
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    match mode.as_str() {
        "sleep" => {
            let wall = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            println!("after 2020: {}", wall.as_secs() > 1_577_836_800);
            let start = Instant::now();
            std::thread::sleep(Duration::from_millis(30));
            let slept = start.elapsed();
            println!("slept at least 30ms: {}", slept >= Duration::from_millis(30));
            println!("monotonic: {}", Instant::now() >= start);
        }
        "panic" => panic!("deliberate panic"),
        _ => println!("normal return"),
    }
}
