using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Http
{
    /// <summary>The first request of a command probes the key; after a 401 nothing more is sent.</summary>
    public class CredentialCheckTests
    {
        [Fact]
        public async Task OthersWaitForTheProbeAndGoOnceTheKeyIsAccepted()
        {
            var check = new CredentialCheck();
            var probe = await check.EnterAsync("a", CancellationToken.None);
            var second = check.EnterAsync("b", CancellationToken.None);
            await Task.Delay(50);
            Assert.False(second.IsCompleted);
            probe.Answered(200);
            (await second).Dispose();
            Assert.True(check.Accepted);
            // Accepted: no more waiting at all.
            Assert.True(check.EnterAsync("c", CancellationToken.None).IsCompleted);
            probe.Dispose();
        }

        [Fact]
        public async Task AfterA401EveryLaterRequestFailsUnsentWithTheSameError()
        {
            var check = new CredentialCheck();
            var probe = await check.EnterAsync("a", CancellationToken.None);
            var waiting = check.EnterAsync("b", CancellationToken.None);
            probe.Answered(401);
            check.Reject(new LlamaCloudApiException("Session 'a': 401 Unauthorized.", 401, "bad key", "req-1"));
            probe.Dispose();
            var ex = await Assert.ThrowsAsync<LlamaCloudApiException>(() => waiting);
            Assert.Equal(401, ex.StatusCode);
            Assert.True(ex.NotSent);
            Assert.Equal("b", ex.SessionId);
            Assert.Equal("Session 'a': 401 Unauthorized.", ex.Message);
            await Assert.ThrowsAsync<LlamaCloudApiException>(() => check.EnterAsync("c", CancellationToken.None));
        }

        [Fact]
        public async Task AProbeThatGotNoAnswerLetsTheNextOneProbe()
        {
            var check = new CredentialCheck();
            var probe = await check.EnterAsync("a", CancellationToken.None);
            var next = check.EnterAsync("b", CancellationToken.None);
            probe.Dispose(); // a connection failure: no status, the key is still unproven
            var ticket = await next;
            Assert.False(check.Accepted);
            Assert.False(check.EnterAsync("c", CancellationToken.None).IsCompleted);
            ticket.Answered(404);
            Assert.True(check.Accepted);
        }
    }
}
