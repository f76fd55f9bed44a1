;; Async host imports of every supported type, reached from exports that use their results (so a wrong value shows),
;; for the typed async API tests (Async/TypedAsyncTests.cs).
(module
  (type $i32_to_i32 (func (param i32) (result i32)))
  (import "host" "i32" (func $i32 (param i32) (result i32)))
  (import "host" "i64" (func $i64 (param i64) (result i64)))
  (import "host" "f32" (func $f32 (param f32) (result f32)))
  (import "host" "f64" (func $f64 (param f64) (result f64)))
  (import "host" "funcref" (func $funcref (param funcref) (result funcref)))
  (import "host" "externref" (func $externref (param externref) (result externref)))
  (import "host" "mix" (func $mix (param i32 i64 f32 f64 i32 i64) (result f64)))
  (import "host" "notify" (func $notify (param i32)))
  ;; Fills memory[ptr, ptr + len) and returns how many bytes it wrote.
  (import "host" "read" (func $read (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (table $slot 1 funcref)

  ;; Plain exports that touch no import.
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "nop"))
  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))

  ;; One import each, its result changed on the way out.
  (func (export "i32") (param i32) (result i32) (i32.add (call $i32 (local.get 0)) (i32.const 1)))
  (func (export "i64") (param i64) (result i64) (i64.add (call $i64 (local.get 0)) (i64.const 1)))
  (func (export "f32") (param f32) (result f32) (f32.mul (call $f32 (local.get 0)) (f32.const 2)))
  (func (export "f64") (param f64) (result f64) (f64.mul (call $f64 (local.get 0)) (f64.const 2)))
  ;; Calls the funcref the import returns with the second argument.
  (func (export "funcref") (param funcref i32) (result i32)
    (table.set $slot (i32.const 0) (call $funcref (local.get 0)))
    (call_indirect $slot (type $i32_to_i32) (local.get 1) (i32.const 0)))
  (func (export "externref") (param externref) (result externref) (call $externref (local.get 0)))
  (func (export "externref_is_null") (param externref) (result i32) (ref.is_null (call $externref (local.get 0))))
  (func (export "mix") (param i32 i64 f32 f64 i32 i64) (result f64)
    (call $mix (local.get 0) (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5)))
  (func (export "notify") (param i32) (call $notify (local.get 0)))

  ;; Sum of i32(k) for k in [0, n), calling notify(k) after each.
  (func (export "sum_i32") (param $n i32) (result i32)
    (local $k i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $i32 (local.get $k))))
        (call $notify (local.get $k))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Asks the host to fill memory at ptr, then sums the bytes it wrote.
  (func (export "read_sum") (param $ptr i32) (param $len i32) (result i32)
    (local $count i32) (local $i i32) (local $acc i32)
    (local.set $count (call $read (local.get $ptr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $acc (i32.add (local.get $acc) (i32.load8_u (i32.add (local.get $ptr) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; The async import itself, for calling a host function directly.
  (export "i32_import" (func $i32)))
