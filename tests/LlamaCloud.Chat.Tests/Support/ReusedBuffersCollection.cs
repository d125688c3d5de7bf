namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>The store of reused receive buffers is process-wide: tests that count it run alone.</summary>
    [CollectionDefinition(nameof(ReusedBuffersCollection), DisableParallelization = true)]
    public class ReusedBuffersCollection
    {
    }
}
