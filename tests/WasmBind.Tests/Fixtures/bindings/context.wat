;; A plugin for the per-call context tests (tests/WasmBind.Tests/Bindings/CallerContextTests.cs): every import is
;; implemented by a host that takes a Caller or Caller<Tenant>, which the Canonical ABI never sees.
(module
  (import "ctx" "log" (func $log (param i32 i32)))              ;; Log(Caller<Tenant>, string)
  (import "ctx" "tenant_name" (func $tenant_name (param i32)))  ;; TenantName(Caller<Tenant>) -> string, through a return pointer
  (import "ctx" "lookup" (func $lookup (param i32 i32 i32)))    ;; async LookupAsync(Caller<Tenant>, string) -> string
  (import "ctx" "has_memory" (func $has_memory (result i32)))   ;; HasMemory(Caller) -> bool

  (memory (export "memory") 1)
  (data (i32.const 16) "hello")
  (global $heap (mut i32) (i32.const 4096))

  ;; A bump allocator, enough for the host's results.
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
    (global.set $heap (i32.add (local.get $ptr) (local.get 3)))
    (local.get $ptr))

  (func (export "say_hello") (call $log (i32.const 16) (i32.const 5)))

  ;; The length of the tenant's name, as the host returned it.
  (func (export "tenant_name_length") (result i32)
    (call $tenant_name (i32.const 1040))
    (i32.load (i32.const 1044)))

  ;; The length of the host's async answer for the key.
  (func (export "lookup_length") (param i32 i32) (result i32)
    (call $lookup (local.get 0) (local.get 1) (i32.const 1040))
    (i32.load (i32.const 1044)))

  (func (export "has_memory") (result i32) (call $has_memory))
)
