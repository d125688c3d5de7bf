using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>
    /// The JIT options of the code a read runs once per event: the byte scanner, the reading of the events array, the
    /// lazy index and filter, building an event from its located members. A fresh process would otherwise run its one
    /// large read in unoptimised tier-0 code: tiering promotes a method only after 30 calls and a 100 ms quiet spell,
    /// which a one-shot scheduled task never reaches and which PowerShell's own compiling keeps postponing even in a
    /// long session. AggressiveOptimization compiles these few methods fully optimised at first call (and opts them
    /// out of tiered PGO, which measured no better here). The enum member is missing from netstandard2.0; .NET
    /// Framework ignores the flag.
    /// </summary>
    internal static class HotPath
    {
        internal const MethodImplOptions Options = (MethodImplOptions)512; // MethodImplOptions.AggressiveOptimization
    }
}
