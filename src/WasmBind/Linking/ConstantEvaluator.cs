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
                case Opcode.I32Add: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] + (uint)stack[depth]); break;
                case Opcode.I32Sub: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] - (uint)stack[depth]); break;
                case Opcode.I32Mul: depth--; stack[depth - 1] = (uint)((uint)stack[depth - 1] * (uint)stack[depth]); break;
                case Opcode.I64Add: depth--; stack[depth - 1] += stack[depth]; break;
                case Opcode.I64Sub: depth--; stack[depth - 1] -= stack[depth]; break;
                case Opcode.I64Mul: depth--; stack[depth - 1] *= stack[depth]; break;
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
        return instruction.Opcode == Opcode.GlobalGet ? instance.Globals[(int)instruction.Immediate].HighBits : instruction.ImmediateHigh;
    }

    private static ulong Push(ConstantInstruction instruction, Instance instance) => instruction.Opcode switch
    {
        // The decoder sign-extends i32 immediates to 64 bits; an i32 slot is zero-extended.
        Opcode.I32Const or Opcode.F32Const => instruction.Immediate & 0xFFFF_FFFF,
        Opcode.I64Const or Opcode.F64Const => instruction.Immediate,
        Opcode.GlobalGet => instance.Globals[(int)instruction.Immediate].Bits,
        Opcode.RefNull => 0,
        Opcode.SimdPrefix when instruction.SubOpcode == (uint)SimdOpcode.V128Const => instruction.Immediate,
        Opcode.RefFunc => instance.Store.EncodeFunctionReference(instance.Functions[(int)instruction.Immediate]),
        _ => throw new InvalidOperationException(
            $"Constant instruction 0x{instruction.Opcode:x2} at offset 0x{instruction.Offset:x} cannot be evaluated; validation should have rejected it."),
    };
}
