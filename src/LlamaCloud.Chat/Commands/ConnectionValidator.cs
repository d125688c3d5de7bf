using System;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Api;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Connect-LlamaCloud -Validate: one cheap authenticated request (a list page of one session).</summary>
    internal static class ConnectionValidator
    {
        internal static void Validate(System.Management.Automation.Cmdlet cmdlet, LlamaCloudClient client, int timeoutSec, CancellationToken stop)
        {
            client.Options.Timeout = TimeSpan.FromSeconds(timeoutSec);
            client.Options.MaximumRetryCount = 1;
            var api = new ChatApi(client);
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
