package io.amsgrid.codec.hdlc;

import io.amsgrid.codec.testing.Vectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HdlcFrameViewTest {

    @Test
    void wrap_validFrame_pointsAtInformationWithoutCopy() {
        byte[] bytes = Vectors.byId("se-kamstrup-l2-3ph-amshan-hdlc").bytes();
        HdlcFrameView view = new HdlcFrameView().wrap(bytes, 0, bytes.length);

        assertThat(view.buffer()).isSameAs(bytes);
        assertThat(Arrays.copyOfRange(bytes, view.informationOffset(), view.informationOffset() + view.informationLength()))
                .isEqualTo(HdlcFrame.parse(bytes).information());
        assertThat(view.toFrame()).isEqualTo(HdlcFrame.parse(bytes));
        assertThat(view.length()).isEqualTo(226);
    }

    @Test
    void wrap_badFcs_throwsWithReason() {
        byte[] bytes = Vectors.byId("neg-real-bad-fcs-kamstrup-gh175").bytes();

        assertThatThrownBy(() -> new HdlcFrameView().wrap(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(HdlcException.class, e -> assertThat(e.reason()).isEqualTo(HdlcRejectReason.BAD_FCS));
    }

    @Test
    void feed_listenerOverridingViewMethod_seesSameFramesAsCopyingListener() {
        byte[] a = Vectors.byId("no-kaifa-l1-elwiz").bytes();
        byte[] b = Vectors.byId("no-aidon-l2-1ph-export").bytes();
        List<HdlcFrame> viaView = new ArrayList<>();
        HdlcFrameReader reader = new HdlcFrameReader(new HdlcListener() {
            @Override
            public void onFrame(HdlcFrame frame) {
                throw new AssertionError("not called when the view method is overridden");
            }

            @Override
            public void onFrame(HdlcFrameView view) {
                viaView.add(view.toFrame());
            }

            @Override
            public void onReject(HdlcReject reject) {
                throw new AssertionError(reject.toString());
            }
        });

        reader.feed(a);
        reader.feed(b);

        assertThat(viaView).containsExactly(HdlcFrame.parse(a), HdlcFrame.parse(b));
    }
}
