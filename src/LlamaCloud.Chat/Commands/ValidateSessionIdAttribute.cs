using System;
using System.Management.Automation;

namespace LlamaCloud.Chat.Commands
{
    /// <summary>Rejects empty and blank session ids at binding, before any request is sent.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateSessionIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        /// <inheritdoc />
        protected override void ValidateElement(object element)
        {
            var s = PSValue.AsString(element);
            if (string.IsNullOrWhiteSpace(s))
                throw new ValidationMetadataException(Messages.SessionIdBlank());
        }
    }
}
