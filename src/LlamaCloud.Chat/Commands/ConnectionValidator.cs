using System;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;
using LlamaCloud.Chat.Connection;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Connect-LlamaCloud -Validate: one cheap authenticated request (a list page of one session).</summary>
    internal static class ConnectionValidator
    {
        internal static void Validate(System.Management.Automation.Cmdlet cmdlet, Endpoint endpoint, int timeoutSec, IClientLog log, CancellationToken stop)
        {
            var settings = new RequestSettings { Timeout = TimeSpan.FromSeconds(timeoutSec), MaximumRetryCount = 1, Proxy = endpoint.Proxy };
            var api = new ChatApi(new LlamaCloudClient(endpoint, settings, log));
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(stop);
            try
            {
                // Connect-LlamaCloud is no LlamaCloudCmdlet (its parameters differ); this one short wait is its only async work.
                Task.Run(() => api.ListAsync(1, null, cts.Token)).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw new System.Management.Automation.PipelineStoppedException();
            }
        }
    }
}
