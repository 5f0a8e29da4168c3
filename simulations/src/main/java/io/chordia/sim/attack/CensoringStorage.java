package io.chordia.sim.attack;

import io.chordia.core.message.Ack;
import io.chordia.core.message.CheckRecord;
import io.chordia.core.message.CompareRange;
import io.chordia.core.message.FetchRecord;
import io.chordia.core.message.RangeDigests;
import io.chordia.core.message.RecordCheck;
import io.chordia.core.message.RecordReply;
import io.chordia.core.message.StoreRecord;
import io.chordia.core.rpc.RpcEndpoint;
import io.chordia.core.util.Bytes;
import java.util.List;

/**
 * The storage side of a censoring node: it accepts every store and keeps nothing, answers every
 * read with "not found", and tells repair it already holds whatever is checked, range by range too, so that honest
 * nodes take it for a working replica and hand records off to it.
 */
public final class CensoringStorage {
    private static final Bytes TOKEN = Bytes.ofUtf8("anything");
    private long dropped;

    /** Serves the storage requests of {@code rpc}'s node dishonestly. */
    public CensoringStorage(RpcEndpoint rpc) {
        rpc.register(FetchRecord.class, (request, context) -> new RecordReply(List.of(), TOKEN));
        rpc.register(StoreRecord.class, (request, context) -> {
            dropped++;
            return new Ack();
        });
        rpc.register(CheckRecord.class, (request, context) -> new RecordCheck(false, Bytes.EMPTY));
        rpc.register(CompareRange.class, (request, context) -> RangeDigests.matching());
    }

    /** Stores acknowledged and dropped so far. */
    public long dropped() {
        return dropped;
    }
}
