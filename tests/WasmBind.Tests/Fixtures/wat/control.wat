;; Fixtures for execution control: loops that never end, counted loops, bulk memory, host calls in loops.
(module
  (import "host" "tick" (func $tick (param i32) (result i32)))
  (import "host" "wait" (func $wait (param i32) (result i32)))
  (memory (export "memory") 1 100)

  ;; Never returns.
  (func (export "spin")
    (loop $forever (br $forever)))

  ;; Counts down from n; returns the number of iterations.
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; Recursion without end (call stack exhaustion when nothing else stops it).
  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))

  ;; Fills n bytes with v at address 0.
  (func (export "fill") (param $n i32) (param $v i32)
    (memory.fill (i32.const 0) (local.get $v) (local.get $n)))

  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))

  ;; Calls host.tick(i) for i in 0..n and sums what it returns.
  (func (export "sum_ticks") (param $n i32) (result i64) (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (call $tick (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Calls host.wait(0) once and returns its result plus one.
  (func (export "wait_once") (result i32)
    (i32.add (call $wait (i32.const 0)) (i32.const 1)))
)
