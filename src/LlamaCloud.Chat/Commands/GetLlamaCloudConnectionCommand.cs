using System.Management.Automation;
using LlamaCloud.Chat.Connection;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows what the next LlamaCloud command in this runspace would use: base URI, region, organization, project, proxy, and where the key comes from.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "LlamaCloudConnection")]
    [OutputType(typeof(LlamaCloudConnectionInfo))]
    public sealed class GetLlamaCloudConnectionCommand : PSCmdlet
    {
        /// <inheritdoc />
        protected override void EndProcessing()
        {
            LlamaCloudConnectionInfo info;
            try
            {
                info = LlamaCloudConnectionInfo.Of(LlamaCloudConnection.Current);
            }
            catch (LlamaCloudException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, null));
                return;
            }
            if (info.KeySource == null)
                WriteWarning(Connection.Messages.ApiKeyMissing(OptionsResolver.ApiKeyVariable));
            WriteObject(info);
        }
    }
}
