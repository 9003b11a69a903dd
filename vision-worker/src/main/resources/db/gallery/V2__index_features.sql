-- The index keeps each keypoint's visual word and orientation (weak geometric consistency) instead of tf-idf
-- vectors, which are recomputed from the words.
ALTER TABLE gallery_dog CHANGE bow_vectors index_features MEDIUMBLOB NOT NULL;
