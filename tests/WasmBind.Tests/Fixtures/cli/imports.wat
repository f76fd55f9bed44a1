;; Fixture for the CLI tests: a module `invoke` must refuse, since it provides no imports.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "mem" (memory 1))
  (func (export "run")
    i32.const 1
    call $log))
