using WasmBind.Binary;

namespace WasmBind.Linking;

/// <summary>
/// Evaluates constant expressions (global initialisers, segment offsets, element items) to a value slot.
/// The module is validated, so every instruction is allowed and the stack never underflows.
/// </summary>
internal static class ConstantEvaluator
{
    public static ulong Evaluate(ConstantExpression expression, Instance instance)
    {
        var instructions = expression.Instructions;
        // Almost every constant expression is one instruction; skip the stack for those.
        if (instructions.Length == 1) return Push(instructions[0], instance);

        var stack = instructions.Length <= 32 ? stackalloc ulong[instructions.Length] : new ulong[instructions.Length];
        var depth = 0;
        foreach (var instruction in instructions)
        {
            switch (instruction.Opcode)
            {
                case 0x6A: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] + (uint)stack[depth]); break;
                case 0x6B: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] - (uint)stack[depth]); break;
                case 0x6C: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] * (uint)stack[depth]); break;
                case 0x7C: depth--; stack[depth - 1] += stack[depth]; break;
                case 0x7D: depth--; stack[depth - 1] -= stack[depth]; break;
                case 0x7E: depth--; stack[depth - 1] *= stack[depth]; break;
                default: stack[depth++] = Push(instruction, instance); break;
            }
        }
        return stack[depth - 1];
    }

    /// <summary>
    /// The high 64 bits of a v128 constant expression (<see cref="Evaluate"/> gives the low ones). Only
    /// <c>v128.const</c> and <c>global.get</c> produce a v128 in a constant expression, and it is the only instruction.
    /// </summary>
    public static ulong EvaluateHigh(ConstantExpression expression, Instance instance)
    {
        var instruction = expression.Instructions[^1];
        return instruction.Opcode == 0x23 ? instance.Globals[(int)instruction.Immediate].HighBits : instruction.ImmediateHigh;
    }

    private static ulong Push(ConstantInstruction instruction, Instance instance) => instruction.Opcode switch
    {
        // The decoder sign-extends i32 immediates to 64 bits; an i32 slot is zero-extended.
        0x41 or 0x43 => instruction.Immediate & 0xFFFF_FFFF,
        0x42 or 0x44 => instruction.Immediate,
        0x23 => instance.Globals[(int)instruction.Immediate].Bits,
        0xD0 => 0,
        0xFD when instruction.SubOpcode == (uint)SimdOpcode.V128Const => instruction.Immediate,
        0xD2 => instance.Store.EncodeFunctionReference(instance.Functions[(int)instruction.Immediate]),
        _ => throw new InvalidOperationException(
            $"Constant instruction 0x{instruction.Opcode:x2} at offset 0x{instruction.Offset:x} cannot be evaluated; validation should have rejected it."),
    };
}
