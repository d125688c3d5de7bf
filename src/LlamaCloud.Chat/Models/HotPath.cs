using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The JIT options of the per-event code (the JSON reader's loops and what they call 100,000 times a session).
    /// A fresh process would otherwise run a whole first read in unoptimised tier-0 code: tiering promotes a method
    /// only after 30 calls and a 100 ms quiet period, which a one-shot scheduled task never reaches, and a loop at
    /// tier 0 waits for on-stack replacement. AggressiveOptimization compiles these few methods fully optimised at
    /// first call. (The enum member is missing from netstandard2.0; .NET Framework ignores the flag.)
    /// </summary>
    internal static class HotPath
    {
        internal const MethodImplOptions Options = (MethodImplOptions)512; // MethodImplOptions.AggressiveOptimization
    }
}
