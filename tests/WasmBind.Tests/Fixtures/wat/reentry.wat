;; Fixtures for host re-entry: guest -> host -> guest -> ... through an ordinary host function.
(module
  (import "host" "reenter" (func $reenter (param i32) (result i32)))
  (memory (export "memory") 1 200)

  ;; Re-enters through host.reenter(n - 1) until n is 0, then traps (unreachable) at the innermost level.
  (func (export "down") (param $n i32) (result i32)
    (if (i32.eqz (local.get $n)) (then unreachable))
    (call $reenter (i32.sub (local.get $n) (i32.const 1))))

  ;; Re-enters through host.reenter(n) and never stops on its own.
  (func (export "forever") (param $n i32) (result i32)
    (call $reenter (local.get $n)))

  ;; Grows memory by n pages (consults the store's resource limiter).
  (func (export "grow") (param $n i32) (result i32)
    (memory.grow (local.get $n)))
)
