import sharp from 'sharp';
import { AppError } from '../errors.js';
import { looksLike, type ImageType } from '../shared/images.js';

/** What a host may upload: a phone camera's photo fits. */
export const maxSpeakerPhotoBytes = 5 * 1024 * 1024;
/** The stored photo: a square this many pixels wide, plenty for the page's round portrait. */
const side = 400;

/**
 * A speaker's photo as Plenum keeps and serves it: checked to be the image its type claims,
 * decoded, turned upright, cut to a square and encoded anew as JPEG. The new file carries no
 * metadata of the upload (camera, place, time), and no bytes of it other than the picture.
 */
export async function speakerPhoto(type: ImageType, base64: string): Promise<Buffer> {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0 || bytes.length > maxSpeakerPhotoBytes || !looksLike(type, bytes)) throw new AppError('ERR_SPEAKER_PHOTO_INVALID');
  let photo: Buffer;
  try {
    // rotate() applies the EXIF orientation before the metadata goes; limitInputPixels stops decompression bombs.
    photo = await sharp(bytes, { limitInputPixels: 50_000_000, failOn: 'error' })
      .rotate()
      .resize(side, side, { fit: 'cover', position: 'attention' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw new AppError('ERR_SPEAKER_PHOTO_INVALID');
  }
  // Read back what was written: a JPEG of the planned size without EXIF, XMP or ICC data.
  const written = await sharp(photo).metadata();
  if (written.format !== 'jpeg' || written.width !== side || written.exif || written.xmp || written.icc) {
    throw new Error('the re-encoded speaker photo is not what was asked for');
  }
  return photo;
}
