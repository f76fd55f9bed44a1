// std::env and std::io: prints its arguments and chosen variables, copies stdin to stdout upper-cased, writes a line
// to stderr, and exits with the code given as its last argument.
use std::io::{self, Read, Write};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {:?}", args);
    println!("GREETING={:?}", std::env::var("GREETING"));
    println!("MISSING={:?}", std::env::var("MISSING").is_err());
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("vars: {:?}", vars);

    let mut input = String::new();
    io::stdin().read_to_string(&mut input).unwrap();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    write!(out, "stdin: {}", input.to_uppercase()).unwrap();
    out.flush().unwrap();
    eprintln!("to stderr: {} bytes read", input.len());

    let code: i32 = args.last().and_then(|a| a.parse().ok()).unwrap_or(0);
    std::process::exit(code);
}
