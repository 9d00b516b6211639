using F2.Simulator.Models;

namespace F2.Simulator.Generation;

/// <summary>
/// Assigns models to device indexes in proportion to their weights, spread evenly (smooth weighted round-robin):
/// weights F2-212=2, F2-401=1 give 212, 401, 212, 212, 401, 212, ... An empty mix means every model, equally.
/// </summary>
internal static class ModelMix
{
    public static DeviceModel[] Assign(int devices, IReadOnlyDictionary<string, double> weights)
    {
        (DeviceModel Model, double Weight)[] entries = weights.Count == 0
            ? [.. DeviceModels.All.Select(m => (m, 1.0))]
            : [.. weights.Where(w => w.Value > 0).OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase).Select(w => (Resolve(w.Key), w.Value))];
        double total = entries.Sum(e => e.Weight);
        double[] current = new double[entries.Length];
        var models = new DeviceModel[devices];
        for (int device = 0; device < devices; device++)
        {
            int pick = 0;
            for (int i = 0; i < entries.Length; i++)
            {
                current[i] += entries[i].Weight;
                if (current[i] > current[pick])
                {
                    pick = i;
                }
            }

            current[pick] -= total;
            models[device] = entries[pick].Model;
        }

        return models;
    }

    private static DeviceModel Resolve(string name) =>
        DeviceModels.TryGet(name, out DeviceModel model) ? model : throw new ArgumentException($"Unknown model '{name}'.", nameof(name));
}
