;; Atomic read-modify-write vs plain store in a loop of n iterations, on a shared memory (ThreadsBenchmarks).
;; atomics_shared.wat and atomics_unshared.wat differ only in the memory declaration.
(module
  (memory 64 64 shared)
  ;; n plain stores to one address.
  (func (export "plain_store") (param $n i32)
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (i32.store (i32.const 0) (local.get $n))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again))))
  ;; n plain load + add + store (a non-atomic increment).
  (func (export "plain_increment") (param $n i32)
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again))))
  ;; n atomic stores (sequentially consistent: an exchange).
  (func (export "atomic_store") (param $n i32)
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (i32.atomic.store (i32.const 0) (local.get $n))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again))))
  ;; n atomic increments.
  (func (export "atomic_add") (param $n i32)
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again))))
  ;; n 8-bit atomic xors (a compare-and-swap loop).
  (func (export "atomic_xor8") (param $n i32)
    (block $done (loop $again
      (br_if $done (i32.eqz (local.get $n)))
      (drop (i32.atomic.rmw8.xor_u (i32.const 0) (local.get $n)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $again))))
  ;; Writes i at i*4 for i < n, then sums them: plain loads and stores over n*4 bytes.
  (func (export "fill_sum") (param $n i32) (result i64)
    (local $i i32) (local $sum i64)
    (block $done (loop $again
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $again)))
    (local.set $i (i32.const 0))
    (block $done (loop $again
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i64.add (local.get $sum) (i64.extend_i32_u (i32.load (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $again)))
    (local.get $sum))
)
