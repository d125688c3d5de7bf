using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;

namespace LlamaCloud.Chat.Tests.Api
{
    /// <summary>A lazily kept history replayed into a channel: filled and completed, or ended by a cancellation.</summary>
    public class EventChannelTests
    {
        private static (ChatSession Session, LazyEvents History) Fetch(int events)
        {
            var body = "{\"session_id\":\"ses-r\",\"events\":[" + string.Join(",", Enumerable.Range(0, events).Select(i => "{\"content\":\"d" + i + "\",\"type\":\"text_delta\"}")) + "]}";
            var session = TestUtil.FetchWhole(Encoding.UTF8.GetBytes(body), "ses-r", 4096);
            return (session, (LazyEvents)session.Lazy!);
        }

        [Fact]
        public void ReplayFillsAChannelAndCompletesIt()
        {
            var (_, history) = Fetch(5000);
            var (channel, fill) = EventChannel.Replay(history, 1024, CancellationToken.None);
            var seen = new List<int>();
            List<ChatEvent>? batch;
            while ((batch = channel.ReadAsync(CancellationToken.None).GetAwaiter().GetResult()) != null)
                seen.AddRange(batch.Select(e => e.Index!.Value));
            Assert.Equal(Enumerable.Range(0, 5000), seen);
            Assert.True(fill.Wait(TimeSpan.FromSeconds(10)));
            Assert.False(history.IsMaterialized);
        }

        [Fact]
        public void ACancelledReplayEndsWithTheCancellation()
        {
            var (_, history) = Fetch(50000);
            using var stop = new CancellationTokenSource();
            var (channel, fill) = EventChannel.Replay(history, 100, stop.Token);
            Assert.NotNull(channel.ReadAsync(CancellationToken.None).GetAwaiter().GetResult()); // it was running
            stop.Cancel();
            Assert.True(fill.Wait(TimeSpan.FromSeconds(10)));
            var read = 1;
            Exception? ended = null;
            try
            {
                while (channel.ReadAsync(CancellationToken.None).GetAwaiter().GetResult() != null) read++;
            }
            catch (OperationCanceledException ex)
            {
                ended = ex;
            }
            Assert.NotNull(ended);
            Assert.True(read < 500, $"{read} batches of 100 read after the cancellation");
        }
    }
}
