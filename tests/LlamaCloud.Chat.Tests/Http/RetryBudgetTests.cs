using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    public class RetryBudgetTests
    {
        [Fact]
        public void FailuresUseMaximumRetryCount()
        {
            var b = new RetryBudget(2);
            Assert.Equal(3, b.MaxAttempts);
            Assert.True(b.TryTake(false, out var r1)); Assert.Equal(1, r1);
            Assert.True(b.TryTake(false, out var r2)); Assert.Equal(2, r2);
            Assert.False(b.TryTake(false, out _));
        }

        [Fact]
        public void PacedRateLimitsHaveTheirOwnBudgetOfAtLeastTen()
        {
            var b = new RetryBudget(2);
            for (var i = 1; i <= 10; i++)
            {
                Assert.True(b.TryTake(true, out var n));
                Assert.Equal(i, n);
            }
            Assert.False(b.TryTake(true, out _));
            Assert.True(b.TryTake(false, out var f)); // failures are still counted separately
            Assert.Equal(1, f);
            Assert.Equal("retry 1 of 2", b.Describe(false));
            Assert.Equal("rate limited 11 of 10", b.Describe(true));
        }

        [Fact]
        public void ZeroMeansOneAttemptEvenWhenRateLimited()
        {
            var b = new RetryBudget(0);
            Assert.False(b.TryTake(true, out _));
            Assert.False(b.TryTake(false, out _));
        }

        [Fact]
        public void AHigherMaximumRaisesTheRateLimitBudget()
        {
            var b = new RetryBudget(15);
            for (var i = 0; i < 15; i++) Assert.True(b.TryTake(true, out _));
            Assert.False(b.TryTake(true, out _));
        }

        [Fact]
        public void TheAttemptCounterNeverPassesTheTotal()
        {
            var b = new RetryBudget(2);
            Assert.Equal("attempt 1 of 3", b.DescribeAttempt());
            for (var i = 0; i < 5; i++) Assert.True(b.TryTake(paced: true, out _));
            Assert.Equal("attempt 1 of 3, after 5 rate-limit waits", b.DescribeAttempt());
            Assert.True(b.TryTake(paced: false, out _));
            Assert.Equal("attempt 2 of 3, after 5 rate-limit waits", b.DescribeAttempt());
        }
    }
}
