# wasi_thread_start(id, start_argument): the export the host calls on each new thread. C cannot set the stack
# pointer, so this sets __stack_pointer from the shim_thread's first field, then calls shim_thread_main in C.
	.text
	.globaltype	__stack_pointer, i32
	.functype	shim_thread_main (i32, i32) -> ()

	.export_name	wasi_thread_start, wasi_thread_start
	.globl	wasi_thread_start
	.type	wasi_thread_start,@function
wasi_thread_start:
	.functype	wasi_thread_start (i32, i32) -> ()
	local.get	1
	i32.load	0
	global.set	__stack_pointer
	local.get	0
	local.get	1
	call	shim_thread_main
	end_function
