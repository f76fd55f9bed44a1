;; Canonical ABI chars (Unicode scalar values as i32) for tests/WasmBind.Tests/Bindings/CharTests.cs, both directions,
;; with hostile values: a surrogate and one above U+10FFFF.
(module
  (import "chars" "put" (func $put (param i32)))          ;; host Put(Rune)
  (import "chars" "next" (func $next (param i32) (result i32)))  ;; host Next(Rune) -> Rune
  (func (export "echo") (param i32) (result i32) (local.get 0))
  (func (export "surrogate") (result i32) (i32.const 0xD800))
  (func (export "too_big") (result i32) (i32.const 0x110000))
  (func (export "negative") (result i32) (i32.const -1))
  ;; Passes its argument to the host, unchecked.
  (func (export "send") (param i32) (call $put (local.get 0)))
  ;; Asks the host for the char after its argument.
  (func (export "ask_next") (param i32) (result i32) (call $next (local.get 0)))
)
