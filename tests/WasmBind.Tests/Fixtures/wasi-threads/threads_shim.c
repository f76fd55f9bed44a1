#include "threads_shim.h"

__attribute__((import_module("wasi"), import_name("thread-spawn"))) int32_t shim_host_spawn(void *start_argument);

/* Called by wasi_thread_start (thread_start.S) on the new thread, once its stack pointer is set. */
void shim_thread_main(int32_t id, shim_thread *thread)
{
    (void)id;
    thread->function(thread->argument);
    __atomic_store_n(&thread->finished, 1, __ATOMIC_SEQ_CST);
    __builtin_wasm_memory_atomic_notify(&thread->finished, 1);
}

int32_t shim_spawn(shim_thread *thread, void (*function)(void *), void *argument)
{
    thread->stack_top = thread->stack + SHIM_STACK_SIZE;
    thread->function = function;
    thread->argument = argument;
    thread->finished = 0;
    thread->id = shim_host_spawn(thread);
    return thread->id;
}

void shim_join(shim_thread *thread)
{
    while (__atomic_load_n(&thread->finished, __ATOMIC_SEQ_CST) == 0)
        __builtin_wasm_memory_atomic_wait32(&thread->finished, 0, -1);
}
