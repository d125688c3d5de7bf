using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>
    /// Accepts only event wire names (case-insensitive), at binding. Used instead of ValidateSet because PowerShell
    /// lets a ValidateSet's own completion win over the argument completer, which would lose the tooltips.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateEventTypeAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void ValidateElement(object element)
        {
            var s = PSValue.AsString(element);
            if (ChatEventType.Normalize(s) == null)
                throw new ValidationMetadataException(
                    $"'{s}' is not a chat event type. Use one of: {string.Join(", ", ChatEventType.Names)}.");
        }
    }
}
