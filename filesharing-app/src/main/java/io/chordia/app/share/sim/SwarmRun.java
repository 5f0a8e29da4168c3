package io.chordia.app.share.sim;

import java.util.List;

/**
 * What one simulated swarm measured: a summary, each peer, and samples over time.
 *
 * @param summary the figures {@code chordia sim swarm} prints; the same seed and options give the same summary
 * @param peers   seeds first, then leechers in arrival order
 * @param samples one per {@link SwarmScenario#sample} interval
 */
public record SwarmRun(SwarmScenario scenario, Summary summary, List<Peer> peers, List<Sample> samples) {

    /**
     * @param completed                leechers that had every piece by the end
     * @param completionMeanSeconds    arrival to last piece, over completed leechers (also median, 90th percentile, max)
     * @param firstPieceMeanSeconds    arrival to first verified piece
     * @param meanMinAvailability      copies of the rarest piece among present peers, averaged over the samples
     *                                 taken while a leecher was downloading
     * @param seedUniqueShare          of the blocks the initial seeds uploaded until each block had left a seed
     *                                 once, the share that were such first copies (1 = the seeds never sent a
     *                                 block twice before the whole content was out)
     * @param seedFullCopySeconds      when every block had left a seed once (-1: never)
     * @param leecherUtilisation       leechers' upload over their capacity, averaged over the samples while
     *                                 leechers were downloading (leechers that finished count as seeds)
     * @param seedUtilisation          the same for seeds (initial and finished leechers)
     */
    public record Summary(String picker, int leechers, int seeds, int pieces, int completed, double completionMeanSeconds,
                          double completionMedianSeconds, double completionP90Seconds, double completionMaxSeconds,
                          double firstPieceMeanSeconds, double meanMinAvailability, double seedUniqueShare,
                          double seedFullCopySeconds, double leecherUtilisation, double seedUtilisation,
                          double virtualSeconds, long events) {
    }

    /** One peer: times in seconds of virtual time, -1 when it never happened. */
    public record Peer(int index, boolean initialSeed, long uploadBytesPerSecond, double arrivedSeconds,
                       double firstPieceSeconds, double doneSeconds, long uploadedBytes) {
        public double completionSeconds() {
            return doneSeconds < 0 ? -1 : doneSeconds - arrivedSeconds;
        }
    }

    /**
     * @param present            peers that have arrived
     * @param done               leechers finished
     * @param minAvailability    copies of the rarest piece among present peers
     * @param meanAvailability   copies per piece, averaged over pieces
     * @param leecherUtilisation upload of downloading leechers over their capacity during the interval
     * @param seedUtilisation    the same for peers that had every piece
     */
    public record Sample(double seconds, int present, int done, int minAvailability, double meanAvailability,
                         double leecherUtilisation, double seedUtilisation) {
    }
}
