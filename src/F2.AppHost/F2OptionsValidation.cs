using System.ComponentModel.DataAnnotations;

namespace F2.AppHost;

/// <summary>Rejects out-of-range settings before anything starts, naming the setting.</summary>
internal static class F2OptionsValidation
{
    public static void ThrowIfInvalid(F2Options options)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new DistributedApplicationException(
                "Invalid F2 settings: " + string.Join("; ", results.Select(result => $"F2:{string.Join(',', result.MemberNames)}: {result.ErrorMessage}")));
        }

        var badPort = typeof(F2Ports).GetProperties().FirstOrDefault(property => (int)property.GetValue(options.Ports)! is < 0 or > 65535);
        if (badPort is not null)
        {
            throw new DistributedApplicationException($"Invalid F2 settings: F2:Ports:{badPort.Name} must be 0 (any free port) to 65535.");
        }

        if (options.Mqtt.Problem() is { } problem)
        {
            throw new DistributedApplicationException("Invalid F2 settings: " + problem);
        }
    }
}
