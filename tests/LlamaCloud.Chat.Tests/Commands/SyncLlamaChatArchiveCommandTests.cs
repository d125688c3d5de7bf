using LlamaCloud.Chat.Commands;

namespace LlamaCloud.Chat.Tests.Commands
{
    public class SyncLlamaChatArchiveCommandTests
    {
        [Theory]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000006", true)]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000006Z", true)]
        [InlineData("2026-01-02T03:04:05.000006", "2026-01-02T03:04:05.000007", false)]
        [InlineData(null, null, true)]
        [InlineData(null, "2026-01-02T03:04:05", false)]
        [InlineData("yesterday", "yesterday", true)]
        [InlineData("yesterday", "today", false)]
        public void StampsCompareByTextOrInstant(string? archived, string? listed, bool same)
        {
            Assert.Equal(same, SyncLlamaChatArchiveCommand.SameStamp(archived, listed));
        }
    }
}
