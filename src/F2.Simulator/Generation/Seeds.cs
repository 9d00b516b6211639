namespace F2.Simulator.Generation;

/// <summary>Derives independent, reproducible seeds from the run's seed (SplitMix64).</summary>
internal static class Seeds
{
    /// <summary>A 64-bit value for (seed, stream, index): the same inputs always give the same value.</summary>
    public static ulong Mix(int seed, int stream, int index)
    {
        ulong z = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 20) ^ (uint)index;
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A random source for (seed, stream, index).</summary>
    public static Random Random(int seed, int stream, int index) => new((int)(Mix(seed, stream, index) & int.MaxValue));
}
