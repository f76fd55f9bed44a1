;; Isolates the cost of one wasm-to-wasm call and return in the interpreter (InterpreterBenchmarks.CallLoop1M against
;; InlineLoop1M): both loops run the same counter and branch; one calls $inc for its add, the other adds in place.
(module
  (func $inc (param $x i32) (result i32)
    (i32.add (local.get $x) (i32.const 1)))

  ;; n iterations of acc = inc(acc): one call and one return per iteration.
  (func (export "call_loop") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; The same loop with the add written inline.
  (func (export "inline_loop") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
