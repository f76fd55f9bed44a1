;; A WASI reactor for the binding tests: `_initialize` must run once, before any other export (tests/WasmBind.Tests/Bindings/ReactorTests.cs).
;; `value` traps unless the reactor was initialised, so a call that comes first fails loudly.
(module
  (memory (export "memory") 1)
  (global $inits (mut i32) (i32.const 0))
  (func (export "_initialize")
    (global.set $inits (i32.add (global.get $inits) (i32.const 1))))
  (func (export "init_count") (result i32) (global.get $inits))
  (func (export "value") (result i32)
    (if (i32.eqz (global.get $inits)) (then unreachable))
    (i32.const 42))
)
