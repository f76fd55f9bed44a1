;; `_initialize` with a parameter is not a WASI reactor initialiser: Bind reports it (ReactorTests.cs).
(module
  (func (export "_initialize") (param i32))
  (func (export "init_count") (result i32) (i32.const 0))
  (func (export "value") (result i32) (i32.const 42))
)
