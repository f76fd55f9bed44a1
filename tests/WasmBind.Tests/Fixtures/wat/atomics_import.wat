;; Imports a shared memory (env.memory, 1..4 pages) so instances in several stores can share it.
(module
  (import "env" "memory" (memory 1 4 shared))
  (func (export "increment") (param $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again))))
  (func (export "wait32") (param i32 i32 i64) (result i32)
    (memory.atomic.wait32 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "store_and_notify") (param $address i32) (param $value i32) (result i32)
    (i32.atomic.store (local.get $address) (local.get $value))
    (memory.atomic.notify (local.get $address) (i32.const -1)))
  (func (export "notify") (param i32 i32) (result i32)
    (memory.atomic.notify (local.get 0) (local.get 1)))
  (func (export "wait_forever") (result i32)
    (memory.atomic.wait32 (i32.const 8) (i32.const 0) (i64.const -1)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
)
