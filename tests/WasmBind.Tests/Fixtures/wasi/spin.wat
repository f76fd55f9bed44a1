;; A WASI command that never finishes, for `wasmbind run --fuel` and `--timeout`. Rebuild with build.sh.
(module
  (memory (export "memory") 1)
  (func $spin (loop $forever (br $forever)))
  (func (export "_start") call $spin))
