using System.Runtime.CompilerServices;

namespace LlamaCloud.Chat
{
    /// <summary>
    /// The JIT options of the loops a whole-session fetch runs once per event (the scan on arrival, the index, the
    /// lazy filter). A fresh process would otherwise run its one large read in unoptimised tier-0 code: tiering
    /// promotes a method only after 30 calls and a 100 ms quiet spell, which a one-shot scheduled task never reaches.
    /// AggressiveOptimization compiles these few methods fully optimised at first call. It also opts them out of
    /// tiered PGO, so the shared streaming reader (SessionReader, EventReader), whose long reads gain from PGO, does not
    /// use it. (The enum member is missing from netstandard2.0; .NET Framework ignores the flag.)
    /// </summary>
    internal static class HotPath
    {
        internal const MethodImplOptions Options = (MethodImplOptions)512; // MethodImplOptions.AggressiveOptimization
    }
}
