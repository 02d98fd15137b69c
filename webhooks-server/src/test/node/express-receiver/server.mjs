import express from "express";
import crypto from "node:crypto";

const app = express();

// IMPORTANT: use the raw body for signature verification
app.post(
  "/webhooks/smartcomply",
  express.raw({ type: "application/json" }),
  (req, res) => {
    const secret = process.env.SMARTCOMPLY_WEBHOOK_SECRET; // whsec_...
    const sigHeader = req.headers["x-smartcomply-signature"];

    // --- 1. Verify the signature ---
    const parts = Object.fromEntries(
      sigHeader.split(",").map((p) => p.split("="))
    );
    const t = Number(parts.t);
    const v1 = parts.v1;
    const body = req.body.toString();

    const age = Math.floor(Date.now() / 1000) - t;
    if (age > 300) return res.status(400).send("Signature too old");

    const expected = crypto
      .createHmac("sha256", secret)
      .update(`${t}.${body}`)
      .digest("hex");

    if (!crypto.timingSafeEqual(Buffer.from(v1), Buffer.from(expected))) {
      return res.status(400).send("Invalid signature");
    }

    // --- 2. Parse the event ---
    const event = JSON.parse(body);
    console.log(`Received ${event.type} (id: ${event.id})`);

    // --- 3. Handle by type ---
    switch (event.type) {
      case "test.submitted":
        // sync the test result to your system
        break;
      case "notice.created":
        // open a case in your ticketing system
        break;
      case "webhook.test":
        // test event — just log it
        console.log("Test event received successfully");
        break;
      default:
        console.log(`Unhandled event type: ${event.type}`);
    }

    // --- 4. Ack fast! ---
    res.status(200).json({ received: true });
  }
);

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`Webhook receiver running on :${port}`));
