using static LlamaCloud.Chat.Tests.Support.TestUtil;

namespace LlamaCloud.Chat.Tests.Models
{
    /// <summary>A stop's skipped indexes (the GA API's skipped_index_ids).</summary>
    public class StopEventTests
    {
        [Fact]
        public void AStopWithoutSkippedIndexesHasAnEmptyList()
        {
            var stop = (StopEvent)One(Q("{'error':null,'is_error':false,'usage':{},'type':'stop'}"));
            Assert.Empty(stop.SkippedIndexIds);
            Assert.Empty(new StopEvent(null, false, null).SkippedIndexIds);
        }
    }
}
