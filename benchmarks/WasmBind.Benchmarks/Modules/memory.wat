;; Linear-memory loops for InterpreterBenchmarks and the store-memory measurement.
(module
  ;; 1 page to start; fill/sum over 1M i32 (4 MiB) need 64 pages, which `fill` grows to on demand.
  (memory (export "memory") 1 1024)

  ;; Grows the memory, if needed, to hold at least $bytes bytes. Traps (unreachable) if it cannot.
  (func $ensure (param $bytes i32)
    (local $need i32)
    ;; pages needed = ceil(bytes / 65536)
    (local.set $need
      (i32.shr_u (i32.add (local.get $bytes) (i32.const 65535)) (i32.const 16)))
    (if (i32.gt_u (local.get $need) (memory.size))
      (then
        (if (i32.eq (memory.grow (i32.sub (local.get $need) (memory.size))) (i32.const -1))
          (then (unreachable))))))

  ;; Writes i * 3 as an i32 at address 4i for i in [0, n).
  (func (export "fill") (param $n i32)
    (local $i i32)
    (call $ensure (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.shl (local.get $i) (i32.const 2))
                   (i32.mul (local.get $i) (i32.const 3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; Sums the n i32s at addresses 0, 4, .., 4(n-1), sign-extended to i64.
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc
          (i64.add (local.get $acc)
                   (i64.extend_i32_s (i32.load (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; Byte-wise checksum of addresses [0, n): h = rotl(h, 5) ^ byte, starting from 0x811c9dc5.
  (func (export "checksum") (param $n i32) (result i32)
    (local $i i32) (local $h i32)
    (call $ensure (local.get $n))
    (local.set $h (i32.const 0x811c9dc5))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h
          (i32.xor (i32.rotl (local.get $h) (i32.const 5))
                   (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $h)))
