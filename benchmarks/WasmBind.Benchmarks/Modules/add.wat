;; Per-call overhead: C# -> wasm (`add`) and wasm -> C# (`call_host` -> `host.add`).
(module
  (import "host" "add" (func $host_add (param i32 i32) (result i32)))

  (func (export "add") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))

  (func (export "call_host") (param $a i32) (param $b i32) (result i32)
    (call $host_add (local.get $a) (local.get $b))))
