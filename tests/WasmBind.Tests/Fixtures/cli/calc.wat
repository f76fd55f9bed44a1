;; Fixture for the CLI tests: plain numeric exports, a trap, and a name section (built with --debug-names).
(module $calc
  (memory (export "memory") 1)
  (global (export "answer_global") i32 (i32.const 42))
  (func $add (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func $answer (export "answer") (result i32)
    i32.const 42)
  (func $div (export "div") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)
  (func $boom (export "boom")
    call $inner)
  (func $inner
    unreachable)
  (func $swap (export "swap") (param i64 f64) (result f64 i64)
    local.get 1
    local.get 0)
  (func $half (export "half") (param f32) (result f32)
    local.get 0
    f32.const 0.5
    f32.mul))
