// One frame of the webcam, for the pages that take a picture from it.

/** The webcam's current frame, drawn by draw(video, width, height); the camera is stopped right after. */
export async function withWebcamFrame(draw) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  try {
    const video = document.createElement("video");
    video.srcObject = stream;
    video.muted = true;
    await video.play();
    return draw(video, video.videoWidth, video.videoHeight);
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}
