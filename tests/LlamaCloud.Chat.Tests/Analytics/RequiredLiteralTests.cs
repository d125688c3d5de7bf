using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Tests.Analytics
{
    public class RequiredLiteralTests
    {
        [Theory]
        [InlineData("timeout", new[] { "timeout" })]
        [InlineData(@"time\s*out", new[] { "time", "out" })]
        [InlineData("colou?r", new[] { "colo", "r" })]
        [InlineData("ab+c", new[] { "ab", "c" })]
        [InlineData("ab{2,}c", new[] { "ab", "c" })]
        [InlineData("ab{0,3}c", new[] { "a", "c" })]
        [InlineData(@"\d+ errors?", new[] { " error" })]
        [InlineData(@"cost\.\$5", new[] { "cost.$5" })]
        [InlineData(@"caf\u00e9", new[] { "café" })]
        [InlineData("x(foo|bar)y", new[] { "x", "y" })]
        [InlineData("[abc]def", new[] { "def" })]
        [InlineData("^Error: .*", new[] { "Error: " })]
        [InlineData("a{x", new[] { "a{x" })]
        public void ReadsTheRunsEveryMatchContains(string pattern, string[] expected) =>
            Assert.Equal(expected, RequiredLiteral.Runs(pattern));

        [Theory]
        [InlineData("foo|bar")]
        [InlineData("(?i)timeout")]
        [InlineData("(?x) t i m e")]
        [InlineData(".*")]
        [InlineData(@"\w+")]
        public void GivesNoneWhereItCannotVouchForOne(string pattern) =>
            Assert.Empty(RequiredLiteral.Runs(pattern));
    }
}
